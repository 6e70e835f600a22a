"""Ingest SEC EDGAR filings (watchlist submissions, latest filings, full-text search)."""

from spacemine.airflow_support import ingest_dag

ingest_dag("filings", "*/30 * * * *", __doc__)
