"""The learner-facing player: plain JS and CSS, no framework, no network."""
