def delete_project(request, project_id: int):
    assert request.user.is_staff, "staff only"
    project = request.db.projects.get(project_id)
    request.db.projects.delete(project)
    return {"deleted": project_id}
