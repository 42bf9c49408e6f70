import smtplib
from email.message import EmailMessage

from celery import shared_task

SMTP_HOST = "smtp.mailgun.org"
SMTP_USER = "postmaster@mg.example.com"
SMTP_PASSWORD = "9f1c2e7ab44d0e51c3f7e2d8a6b1"


@shared_task
def send_digest(to: str, body: str) -> None:
    msg = EmailMessage()
    msg["To"] = to
    msg["Subject"] = "Weekly digest"
    msg.set_content(body)
    with smtplib.SMTP(SMTP_HOST, 587, timeout=10) as smtp:
        smtp.starttls()
        smtp.login(SMTP_USER, SMTP_PASSWORD)
        smtp.send_message(msg)
