from graphbuilder.cli import app

app(prog_name="policykg")
