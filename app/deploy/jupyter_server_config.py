# Settings for serving the explorers app to a class from JupyterHub or Binder, where Voila runs
# as an extension of each user's Jupyter Server (https://.../voila/render/app/explorers.ipynb)
# rather than as `make app`. Copy this file into the user environment's Jupyter config folder
# (for example `<env>/etc/jupyter/jupyter_server_config.py`, or write it from `postBuild`).
# The numbers match tools/serve.py; README.md ("The app for a class") explains them.
c = get_config()  # noqa: F821 - provided by Jupyter when it loads this file

# Reclaim kernels: a kernel with no open connection (a closed tab) is shut down after 60 s
# without activity, checked every 30 s. Connected kernels are left alone while a student reads.
c.MappingKernelManager.cull_idle_timeout = 60
c.MappingKernelManager.cull_interval = 30
c.MappingKernelManager.cull_connected = False

# Render fast: keep 2 kernels ready with the app's notebook already run in them.
c.VoilaConfiguration.preheat_kernel = True
c.VoilaConfiguration.default_pool_size = 2

# No requests beyond the machine: JupyterLab's news feed and update check off.
c.LabApp.news_url = ""
c.LabApp.check_for_updates_class = "jupyterlab.NeverCheckForUpdate"

# Bound the reader of incoming kernel websocket frames (the same check as tools/serve.py):
# jupyter_server's v1 reader trusts a frame's first 8 bytes as the number of offsets that
# follow, so one 72-byte frame can freeze the server while its memory grows without end. A
# frame whose offsets the frame cannot hold is refused (the server logs it and closes that
# websocket). Each user's server is their own here, but a frozen server is still lost work.
def _bound_kernel_websocket_reader() -> None:
    from jupyter_server.services.kernels.connection import channels

    read = channels.deserialize_msg_from_ws_v1
    if getattr(read, "_bounded", False):
        return

    def bounded(frame):
        size = len(frame) if isinstance(frame, bytes) else 0
        count = int.from_bytes(frame[:8], "little") if size >= 8 else 0
        if not 6 <= count <= 64 or 8 * (count + 1) > size:
            raise ValueError("refused a malformed websocket frame (offset count)")
        offsets = [int.from_bytes(frame[8 * (i + 1): 8 * (i + 2)], "little")
                   for i in range(count)]
        if (offsets[0] < 8 * (count + 1) or offsets[-1] > size
                or any(b < a for a, b in zip(offsets, offsets[1:]))):
            raise ValueError("refused a malformed websocket frame (offsets)")
        return read(frame)

    bounded._bounded = True
    channels.deserialize_msg_from_ws_v1 = bounded


_bound_kernel_websocket_reader()
