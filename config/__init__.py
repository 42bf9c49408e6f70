"""The configuration template, installed as ``wfc_server.config_files`` (see pyproject.toml).

``wfc-server config`` prints default.toml from here, so an installed server can write its own
template without a source checkout.
"""
