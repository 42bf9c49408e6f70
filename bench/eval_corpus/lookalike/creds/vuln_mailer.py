"""Nightly digest mailer."""
import smtplib
from email.message import EmailMessage

SMTP_HOST = "smtp.mailgun.org"
SMTP_USER = "postmaster@mg.shop-example.com"
SMTP_PASSWORD = "9c1f0b7e55d34a0f8e2b6c4d1a7f3e90-us-east"


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
