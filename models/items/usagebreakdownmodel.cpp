// placeholder: see usagebreakdownmodel.h
