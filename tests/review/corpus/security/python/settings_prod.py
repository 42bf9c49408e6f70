"""Production settings."""
import os

BASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

DEBUG = True  # wfc-expect: security medium
SECRET_KEY = "q8v$2xk!7m@zd4p#w9r^e1t&y5u*i3o0"  # wfc-expect: security high
ALLOWED_HOSTS = ["shop.example.com"]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "shop",
        "USER": "shop",
        "PASSWORD": "Pr0d-Db-2024!xq",  # wfc-expect: security high
        "HOST": "db.internal",
    }
}
