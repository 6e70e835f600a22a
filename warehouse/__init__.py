"""DuckDB warehouse: schema migrations, bulk loading, event resolution, publishing."""
