import yaml


def load_settings(path):
    with open(path) as fh:
        return yaml.load(fh, Loader=yaml.Loader)
