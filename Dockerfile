# wfc-server: docker build -t wfc-server . && docker run -p 9950:9950 -v wfc-data:/data wfc-server
# Two stages: the first builds a wheel from the source, the second installs only that wheel (no
# source tree, no editable install), so the image runs exactly what `pip install` would.
FROM python:3.13-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY wfc_server ./wfc_server
COPY static ./static
COPY config ./config
RUN pip wheel --no-cache-dir --no-deps -w /dist .

FROM python:3.13-slim
# git powers repository mode; nothing else is needed at run time.
RUN apt-get update \
 && apt-get install -y --no-install-recommends git \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --create-home --uid 10001 wfc \
 && mkdir -p /data && chown wfc:wfc /data && chmod 0700 /data
COPY --from=build /dist /dist
RUN pip install --no-cache-dir /dist/*.whl && rm -rf /dist

USER wfc
WORKDIR /home/wfc
# Repositories mounted under /repos (owned by the host's uid) are reviewed in repository mode:
# the allowed roots are trusted for git through a scoped safe.directory, never a global '*'.
ENV WFC_HOST=0.0.0.0 \
    WFC_PORT=9950 \
    WFC_DATA_DIR=/data \
    PYTHONUNBUFFERED=1
VOLUME ["/data"]
EXPOSE 9950

HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:9950/health/live', timeout=2).status == 200 else 1)"

# SIGTERM drains: running reviews finish (or are requeued) before exit.
STOPSIGNAL SIGTERM
CMD ["wfc-server"]
