"""Printed outputs built with reportlab, in memory, with no Qt."""
