import sys, asyncio, time
sys.path.insert(0, "/work/wt/robust/tests"); sys.path.insert(0, "/work/wt/robust/benchmarks"); sys.path.insert(0, "/work/wt/robust/tools")
import test_servers as ts, load
T = "abc123abc123abc123abc123abc123abc123"; B = "http://127.0.0.1:18872"
pid = int(open("/tmp/robust-app/plainpid").read())
html = asyncio.run(ts.open_page(B, T))
kid = load.kernel_id_from_page(html)
t = time.monotonic()
print(asyncio.run(ts.legacy_client_attack(B, T, kid, pid)), time.monotonic() - t)
