"""spacemine: market-signal tracker for the space-resources industry.

This package holds the front doors (CLI), the settings, the records passed between the
source, NLP, warehouse and alert packages, and the pipeline steps that both the Airflow DAGs
and the CLI call: one code path, two front doors.
"""

__version__ = "0.1.0"
