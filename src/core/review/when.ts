// tandem.review.when's values. Its own module, free of imports, because the editor's settings reader
// sits in the light bundle loaded at activation and must not pull in the policy's path rules.
export type ReviewWhen = 'off' | 'high-risk' | 'always';
export const REVIEW_WHEN: readonly ReviewWhen[] = ['off', 'high-risk', 'always'];
