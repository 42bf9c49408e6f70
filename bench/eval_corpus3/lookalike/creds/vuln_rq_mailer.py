import smtplib
from email.message import EmailMessage

SMTP_HOST = "smtp.mailgun.org"
SMTP_USER = "postmaster@mg.example.com"
SMTP_PASSWORD = "b7f1c2e9d04a4f6e8a1d3c5b7e9f0a2c"


def send_digest(to: str, body: str) -> None:
    msg = EmailMessage()
    msg["To"], msg["From"], msg["Subject"] = to, SMTP_USER, "Your weekly digest"
    msg.set_content(body)
    with smtplib.SMTP_SSL(SMTP_HOST, 465) as smtp:
        smtp.login(SMTP_USER, SMTP_PASSWORD)
        smtp.send_message(msg)
