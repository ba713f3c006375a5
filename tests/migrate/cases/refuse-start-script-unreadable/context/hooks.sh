curl -fsS http://config/ready
