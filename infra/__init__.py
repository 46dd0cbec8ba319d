"""How Pantau runs: embedded development services, container images, Prometheus and Grafana config."""
