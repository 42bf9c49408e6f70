"""Flask handlers for the notes API."""

from __future__ import annotations

import logging

from flask import Blueprint, abort, jsonify, request

from notes.repository import NotesRepository, NotFound

log = logging.getLogger(__name__)
bp = Blueprint("notes", __name__)


def repo() -> NotesRepository:
    from flask import current_app

    return current_app.extensions["notes_repo"]


@bp.get("/notes/<int:note_id>")
def get_note(note_id: int):
    note = repo().get(note_id)
    if note is None:
        abort(404)
    return jsonify(id=note.id, title=note.title, body=note.body)


@bp.post("/notes")
def create_note():
    payload = request.get_json(silent=True) or {}
    title = str(payload.get("title", "")).strip()
    if not title:
        return jsonify(error="title is required"), 400
    note = repo().create(title=title, body=str(payload.get("body", "")))
    log.info("note %s created", note.id)
    return jsonify(id=note.id), 201


@bp.delete("/notes/<int:note_id>")
def delete_note(note_id: int):
    try:
        repo().delete(note_id)
    except NotFound:
        abort(404)
    return "", 204
