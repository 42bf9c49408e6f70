"""Preview marketing e-mails whose body the editor types in (FastAPI)."""
from fastapi import FastAPI
from jinja2.sandbox import ImmutableSandboxedEnvironment
from pydantic import BaseModel

app = FastAPI()
env = ImmutableSandboxedEnvironment(autoescape=True)


class Draft(BaseModel):
    body: str
    first_name: str = "Ada"


@app.post("/preview")
def preview(draft: Draft) -> dict:
    html = env.from_string(draft.body).render(first_name=draft.first_name)
    return {"html": html}
