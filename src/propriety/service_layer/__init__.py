"""service_layer layer."""
