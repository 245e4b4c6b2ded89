// MiaraPipeline
