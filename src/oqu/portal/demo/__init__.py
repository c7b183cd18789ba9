"""The demo university (``load_demo``): people, a plan, resources in every state."""
