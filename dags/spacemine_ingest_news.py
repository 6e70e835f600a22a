"""Ingest news and press-release feeds (RSS/Atom, article pages), extract events, announce them."""

from spacemine.airflow_support import ingest_dag

ingest_dag("news", "@hourly", __doc__)
