import yaml


def load_pipeline(request):
    raw = request.files["spec"].read()
    spec = yaml.load(raw, Loader=yaml.Loader)
    return spec.get("steps", [])
