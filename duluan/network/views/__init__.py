"""Pages of the network app: thin views over services and selectors."""
