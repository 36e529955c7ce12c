import yaml
cfg = yaml.load(open("config.yml"))  # ruleid
obj = yaml.unsafe_load(body)  # ruleid
