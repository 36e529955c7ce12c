document.getElementById('out').textContent = location.hash.slice(1);
document.getElementById('out').innerHTML = DOMPurify.sanitize(location.hash.slice(1));
document.getElementById('out').innerHTML = '<b>ready</b>';
