// Image checks: the type comes from the bytes (a renamed file or a lying MIME type is caught), the
// size cap holds (also before decoding base64), and vision is decided by setting and model name.
import { strict as assert } from 'node:assert';
import { acceptsImages, checkImage, checkImageData, ImageError, sniffImageMime, withoutImages } from '../../../../src/core/context/images';
import { PNG_1X1 } from '../../../fixtures/images';

describe('images', () => {
  const table: Array<[string, Buffer, string | undefined]> = [
    ['png', PNG_1X1, 'image/png'],
    ['jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'image/jpeg'],
    ['gif87', Buffer.from('GIF87a....'), 'image/gif'],
    ['gif89', Buffer.from('GIF89a....'), 'image/gif'],
    ['webp', Buffer.concat([Buffer.from('RIFF'), Buffer.from([1, 2, 3, 4]), Buffer.from('WEBPVP8 ')]), 'image/webp'],
    ['svg (script inside)', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), undefined],
    ['html named .png', Buffer.from('<html><body>hi</body></html>'), undefined],
    ['riff that is not webp (wav)', Buffer.concat([Buffer.from('RIFF'), Buffer.from([1, 2, 3, 4]), Buffer.from('WAVEfmt ')]), undefined],
    ['empty', Buffer.alloc(0), undefined],
    ['truncated png signature', PNG_1X1.subarray(0, 4), undefined],
  ];
  for (const [name, buf, mime] of table) {
    it(`recognises ${name} as ${mime ?? 'not an image'}`, () => assert.equal(sniffImageMime(buf), mime));
  }

  it('returns the image part with its real type, whatever the name says', () => {
    const part = checkImage(PNG_1X1, 'photo.jpg');
    assert.equal(part.mime, 'image/png');
    assert.equal(part.data, PNG_1X1.toString('base64'));
  });
  it('refuses what is not an image, with the name', () => {
    assert.throws(() => checkImage(Buffer.from('%PDF-1.7'), 'doc.png'), (e: Error) => e instanceof ImageError && /doc\.png is not a PNG, JPEG, WebP or GIF/.test(e.message));
  });
  it('refuses an image over the cap and says what to do', () => {
    const big = Buffer.concat([PNG_1X1, Buffer.alloc(2000)]);
    assert.throws(() => checkImage(big, 'big.png', 1000), /big\.png is .* more than the .* scale it down/);
  });
  it('refuses oversized base64 before decoding it, and malformed base64', () => {
    assert.throws(() => checkImageData('A'.repeat(4000), 'huge.png', 1000), /more than the/);
    assert.throws(() => checkImageData('not base64!', 'x.png'), /not valid base64/);
    assert.equal(checkImageData(PNG_1X1.toString('base64'), 'x.png').mime, 'image/png');
  });

  it('decides vision from the setting first, then the model name', () => {
    assert.equal(acceptsImages('tiny-coder', 'on'), true);
    assert.equal(acceptsImages('gpt-4o', 'off'), false);
    for (const m of ['gpt-4o-mini', 'gpt-4.1', 'gpt-5', 'o3', 'claude-3-5-sonnet', 'claude-sonnet-4', 'gemini-2.0-flash', 'llava:13b', 'qwen2.5-vl-7b', 'llama-3.2-vision', 'gemma3:4b', 'pixtral-12b']) assert.equal(acceptsImages(m, 'auto'), true, m);
    for (const m of ['gpt-3.5-turbo', 'qwen2.5-coder:7b', 'deepseek-coder', 'codestral', 'o3-mini', 'starcoder2']) assert.equal(acceptsImages(m, 'auto'), false, m);
  });

  it('leaves image bytes out of a stored task, with a note where each was', () => {
    const png = { mime: 'image/png' as const, data: PNG_1X1.toString('base64') };
    const stored = withoutImages({ version: 1, messages: [{ role: 'user' as const, content: 'look', images: [png, png] }, { role: 'tool' as const, toolCallId: 'c', name: 't', content: 'shot', images: [png] }, { role: 'assistant' as const, content: 'ok' }] });
    assert.ok(!JSON.stringify(stored).includes(png.data));
    assert.match(stored.messages[0].content, /^look\n\[2 images were attached here/);
    assert.match(stored.messages[1].content, /an image was attached here/);
    assert.equal(stored.version, 1);
  });
});
