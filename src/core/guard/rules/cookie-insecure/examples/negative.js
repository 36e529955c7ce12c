res.cookie('sid', sid, { httpOnly: true, secure: true, sameSite: 'lax' });
