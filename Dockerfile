# Tidemark: the dashboard in a container, working air-gapped once built.
#   docker build -t tidemark .
#   docker run -p 8501:8501 -v tidemark-data:/app/data/db tidemark
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    TIDEMARK_DB=sqlite:////app/data/db/tidemark.sqlite

WORKDIR /app
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*

COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .
# Copy Leaflet and Font Awesome into static/ now, so the running app needs no network.
# ...and build the gazetteer index (about 20 s) so the first visitor does not wait for it.
RUN python -m geo.show.assets && mkdir -p /app/data/db \
    && python -c "from geo.gazetteer import default_gazetteer; default_gazetteer(progress=False)"

EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD curl --fail --silent http://127.0.0.1:8501/_stcore/health || exit 1

CMD ["streamlit", "run", "app.py", "--server.port=8501", "--server.address=0.0.0.0"]
