"""The Qt-free heart of the app: content, plan, vault, languages and settings."""
