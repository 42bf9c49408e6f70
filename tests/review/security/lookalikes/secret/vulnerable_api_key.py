import requests

GITHUB_TOKEN = "ghp_Zt8Kq3Lm9Xv2Rw7Ny4Bp1Cs6Dh0Fj5Gk8Ma2"


def list_repos(org):
    headers = {"Authorization": f"token {GITHUB_TOKEN}"}
    return requests.get(f"https://api.github.com/orgs/{org}/repos", headers=headers, timeout=10).json()
