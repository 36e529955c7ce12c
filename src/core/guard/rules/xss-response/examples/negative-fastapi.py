from fastapi import FastAPI

app = FastAPI()

# FastAPI sends a returned string as JSON unless the route says HTMLResponse.
@app.get("/items")
def items(q: str):
    return "<p>" + q + "</p>"
