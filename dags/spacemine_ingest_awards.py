"""Ingest contract awards (USAspending, FPDS), turn them into events, announce new ones."""

from spacemine.airflow_support import ingest_dag

ingest_dag("awards", "30 */6 * * *", __doc__)
