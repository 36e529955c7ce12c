const q = new URLSearchParams(location.search);
document.getElementById('out').innerHTML = location.hash.slice(1); // ruleid
document.write('<p>' + document.cookie + '</p>'); // ruleid
