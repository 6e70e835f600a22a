"""The market model: driver indicators, market size and versioned, attributed forecasts."""
