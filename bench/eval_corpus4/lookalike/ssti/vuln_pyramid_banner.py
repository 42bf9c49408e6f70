from jinja2 import Environment
from pyramid.response import Response
from pyramid.view import view_config

env = Environment()


@view_config(route_name="banner")
def banner(request):
    text = request.params.get("text", "Welcome")
    html = env.from_string("<div class='banner'>" + text + "</div>").render()
    return Response(html)
