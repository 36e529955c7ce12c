import yaml
cfg = yaml.safe_load(open("config.yml"))
cfg2 = yaml.load(text, Loader=yaml.SafeLoader)
