res.cookie('sid', sid, { httpOnly: true, secure: false }); // ruleid
