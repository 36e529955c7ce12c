from fastapi import FastAPI
from fastapi.responses import HTMLResponse

app = FastAPI()

@app.get("/page", response_class=HTMLResponse)
def page(q: str):
    return "<p>" + q + "</p>"  # ruleid

@app.get("/page2")
def page2(q: str):
    return HTMLResponse(content=f"<p>{q}</p>")  # ruleid
