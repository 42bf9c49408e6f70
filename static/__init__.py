"""The browser dashboard's files, installed as ``wfc_server.static`` (see pyproject.toml).

This file only makes the folder a package so wheels and editable installs both carry it; the
server never serves ``.py`` files.
"""
