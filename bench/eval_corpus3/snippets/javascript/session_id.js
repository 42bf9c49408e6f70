function newSessionId() {
  return Math.random().toString(36).slice(2) + Date.now().toString(36);
}

router.post('/login', async (req, res) => {
  const user = await auth.check(req.body.user, req.body.pass);
  if (!user) return res.sendStatus(401);
  const sid = newSessionId();
  await sessions.put(sid, user.id);
  res.cookie('sid', sid, { httpOnly: true, secure: true, sameSite: 'lax' });
  res.sendStatus(204);
});
