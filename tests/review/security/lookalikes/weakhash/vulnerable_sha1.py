import hashlib


class UserStore:
    def __init__(self):
        self.rows = {}

    def set_password(self, user_id, raw_password):
        digest = hashlib.sha1(raw_password.encode("utf-8")).hexdigest()
        self.rows[user_id] = digest
