// placeholder: see usageseriesmodel.h
