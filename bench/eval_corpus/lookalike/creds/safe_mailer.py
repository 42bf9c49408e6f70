"""Nightly digest mailer."""
import os
import smtplib
from email.message import EmailMessage

SMTP_HOST = "smtp.mailgun.org"
SMTP_USER = os.environ["SMTP_USER"]
SMTP_PASSWORD = os.environ["SMTP_PASSWORD"]


def send_digest(to: str, body: str) -> None:
    msg = EmailMessage()
    msg["Subject"] = "Your daily digest"
    msg["From"] = SMTP_USER
    msg["To"] = to
    msg.set_content(body)
    with smtplib.SMTP(SMTP_HOST, 587, timeout=30) as smtp:
        smtp.starttls()
        smtp.login(SMTP_USER, SMTP_PASSWORD)
        smtp.send_message(msg)
