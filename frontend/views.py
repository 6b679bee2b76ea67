from django.shortcuts import render

from layers.selectors import visible_layers


def index(request):
    return render(request, "frontend/index.html", {"layers": visible_layers(request.user)})
