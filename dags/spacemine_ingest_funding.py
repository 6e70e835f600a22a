"""Ingest Form D offerings (watched issuers, full-text hits) as funding rounds."""

from spacemine.airflow_support import ingest_dag

ingest_dag("funding", "15 */2 * * *", __doc__)
