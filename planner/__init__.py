"""Safety Planner: an offline, encrypted planner for social media privacy and safety."""

__version__ = "0.1.0"
