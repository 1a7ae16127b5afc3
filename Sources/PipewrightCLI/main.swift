import Pipewright

print("pipewright")
