// placeholder: see topconsumersmodel.h
